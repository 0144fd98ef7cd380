export { type HistorypinCredentials, type HistorypinOptions, historypin, tokenBase } from './historypin.ts';
