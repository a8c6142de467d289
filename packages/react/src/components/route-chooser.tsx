import { useId } from "react";
import { formatBytes } from "../format";
import { useRoutes } from "../hooks/use-routes";
import { describeRoute } from "../queue/route-limits";

/** Props of {@link RouteChooser}. */
export interface RouteChooserProps {
  value: string;
  onChange: (route: string) => void;
}

/**
 * A `<select>` of the routes this user may upload to (`upload.routes`), each option with its limits, and the
 * chosen route's limits spelled out beside it, before any file is chosen.
 */
export function RouteChooser({ value, onChange }: RouteChooserProps) {
  const routes = useRoutes();
  const id = useId();
  const list = routes.data?.routes ?? [];
  const chosen = list.find((route) => route.name === value);
  const types = chosen && (chosen.types.includes("*/*") ? "any type" : chosen.types.join(", "));
  return (
    <div className="hoist-route">
      <label htmlFor={id}>Upload route</label>
      <select
        id={id}
        className="hoist-select"
        value={value}
        disabled={list.length === 0}
        aria-describedby={`${id}-limits`}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
      >
        {list.length === 0 && <option value={value}>{routes.isPending ? "Loading routes…" : value}</option>}
        {list.map((route) => (
          <option key={route.name} value={route.name}>
            {describeRoute(route)}
          </option>
        ))}
      </select>
      <p id={`${id}-limits`} className="hoist-muted hoist-route-limits">
        {chosen ? `Files up to ${formatBytes(chosen.maxSize)} · ${String(types)}` : routes.error ? routes.error.message : ""}
      </p>
    </div>
  );
}
