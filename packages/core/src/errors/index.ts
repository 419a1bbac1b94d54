export { ArbotError } from './arbot-error';
export { ValidationError, type ValidationIssue } from './validation-error';
