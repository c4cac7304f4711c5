/** The scorer metrics live with the conversion model; the CLI's eval uses the same functions. */
export { rocAuc, brierScore, calibrationTable, type CalibrationBin } from "@gardenos/conversion-model";
