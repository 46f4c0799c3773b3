export {
  conditionSchema,
  conditionsSchema,
  conditionValueProblem,
  matchSchema,
  negatedOperators,
  operators,
  operators as conditionOperators,
  operatorValue,
  type Condition,
  type Match,
  type Operator,
} from "./schema";
export { checkConditions, compileConditions, type ConditionContext, type ConditionIssue, type RecordPredicate } from "./compile";
export { child, formatFieldPath, MAX_PATH_LENGTH, parseFieldPath, pathReader, type ParsedPath, type PathReader, type PathSegment } from "./paths";
export { fieldPathInfo, type FieldInfo } from "./record-fields";
export { compileRegex, MAX_PATTERN_LENGTH, regexProblem } from "./regex";
export { decimalOf, instantOf, nfc, textOf } from "./values";
