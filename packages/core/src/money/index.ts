export { Decimal, type DecimalLike, isDecimal, toDecimal } from './decimal';
