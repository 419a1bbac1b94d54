export { FileReadError } from './file-read-error';
export { type InvalidLineDetails, InvalidLineError, type InvalidLinePolicy } from './invalid-line-error';
export { type KlineCsvOptions, readKlineCsv } from './kline-csv';
export { type L2SnapshotCsvOptions, readL2SnapshotCsv } from './l2-snapshot-csv';
export type { InvalidLineOptions } from './line-parser-observable';
export { isGzipPath, type LineBatch, MAX_LINE_LENGTH, readLineBatches } from './line-reader';
export { readTardisBookCsv, type TardisBookCsvOptions } from './tardis-book-csv';
export { readTardisTradesCsv, type TardisTradesCsvOptions } from './tardis-trades-csv';
export { unifiedSymbol } from './unified-symbol';
