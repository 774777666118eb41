/** The rules core: pure, deterministic, no I/O; shared by the Worker, the add-in and the formula generator. */
export * from './codes'
export * from './compileRules'
export * from './evaluateBloc'
export * from './evaluateCertification'
export * from './issues'
export * from './marks'
export * from './rounding'
export * from './ruleSchema'
