// The published T1074.002 rule, bundled so a first visit opens with it without a network round trip.
import exampleQuery from '../public/examples/t1074-002-remote-data-staging.kql?raw';

export const EXAMPLE_QUERY: string = exampleQuery;
export const EXAMPLE_NAME = 'T1074.002 Remote Data Staging';
