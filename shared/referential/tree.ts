/** Traversals of a référentiel that the rules engine, the Worker and the add-in share. */
import type { GradedBloc } from './parse'
import type { Critere, Referential } from './schema'

/** Mandatory blocs then every option, in document order. */
export function evaluableBlocs(ref: Referential): GradedBloc[] {
  return ref.blocs.flatMap((bloc): GradedBloc[] => (bloc.kind === 'mandatory' ? [bloc] : bloc.options))
}

export function findEvaluableBloc(ref: Referential, code: string): GradedBloc | undefined {
  return evaluableBlocs(ref).find((bloc) => bloc.code === code)
}

export function allCriteres(ref: Referential): { blocCode: string; critere: Critere }[] {
  return evaluableBlocs(ref).flatMap((bloc) => bloc.criteres.map((critere) => ({ blocCode: bloc.code, critere })))
}

/**
 * The blocs a candidate who chose `optionCode` must validate: the mandatory blocs plus that
 * option, in document order; undefined when `optionCode` is not an option of the référentiel.
 */
export function blocsForOption(ref: Referential, optionCode: string): GradedBloc[] | undefined {
  const option = findEvaluableBloc(ref, optionCode)
  if (option === undefined || option.kind !== 'option') return undefined
  return evaluableBlocs(ref).filter((bloc) => bloc.kind === 'mandatory' || bloc.code === optionCode)
}
