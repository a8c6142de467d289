import { z } from "zod";
import { HOIST_CODES, type HoistCode } from "../errors.js";

/**
 * `error.data.hoistCode` as a zod schema, for callers that validate whole error payloads with zod (server tests).
 * The client checks codes with the zod-free `isHoistCode` instead, so zod stays out of browser bundles.
 */
export const HoistCodeSchema = z.enum(HOIST_CODES as [HoistCode, ...HoistCode[]]);
