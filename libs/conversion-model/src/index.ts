/**
 * @gardenos/conversion-model — the learned conversion model: features from the lead schema
 * (through @gardenos/lead-features) and custom fields, an L2-regularised logistic regression with
 * Platt calibration, explanations from its own terms, the split by lead id, and the metrics.
 * Pure computation over plain JSON; no I/O.
 */
export { fitLogistic, choleskySolve, sigmoid, linear, type SparseRow, type LogisticFit, type LogisticOptions } from "./logistic.js";
export { fitFeatures, vectorize, describeValue, builtinFields, fieldKey, DEFAULT_EXCLUDED_FIELDS } from "./featurize.js";
export type { FeatureSpec, Feature, NumericFeature, CategoricalFeature, FitFeatureOptions } from "./featurize.js";
export { MODEL_FORMAT, scoreWithModel, logitOf, calibrated, isConversionModel, modelFeatureList } from "./model.js";
export type { ConversionModel, Contribution, ModelScore } from "./model.js";
export {
  trainConversionModel,
  evaluate,
  evaluateModel,
  splitOf,
  validationExamples,
  beatsChampion,
  NotEnoughDataError,
  SPLIT,
  MIN_TRAINING,
  AUC_TOLERANCE,
} from "./train.js";
export type { Example, Split, Evaluation, TrainOptions, TrainResult } from "./train.js";
export { rocAuc, brierScore, calibrationTable, type CalibrationBin } from "./metrics.js";
export { seededRandom } from "./random.js";
