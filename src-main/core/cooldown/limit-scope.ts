// The rule lives in src-shared so the UI warns about exactly the runs the engine will defer.
export * from '../../../src-shared/limit-scope';
