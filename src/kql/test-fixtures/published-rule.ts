/** The project's example rule (T1074.002, Remote Data Staging), verbatim from the .kql fixture beside it. */
import rule from './t1074-002.kql?raw';

export const publishedRule: string = rule;
