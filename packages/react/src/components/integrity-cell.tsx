import { describeIntegrity } from "../integrity";
import type { FileRecord } from "@hoist/contract";

/** A file list cell saying in words who verified the file's checksum; its title gives the value. */
export function IntegrityCell({ file }: { file: FileRecord }) {
  const integrity = describeIntegrity(file);
  return (
    <td className="hoist-integrity" data-integrity={integrity.state} title={integrity.detail}>
      {integrity.label}
    </td>
  );
}
