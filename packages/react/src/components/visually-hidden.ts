import type { CSSProperties } from "react";

/**
 * Hidden from sight, present for assistive technology and tests. Inline rather than a class so it holds without
 * the optional stylesheet (the package is usable unstyled).
 */
export const visuallyHidden: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
  border: 0,
};
