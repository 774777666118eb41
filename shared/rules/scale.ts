/** Marks are normalised to this scale before the mean, as the score rule's threshold is /20. */
export const MEAN_SCALE = 20
