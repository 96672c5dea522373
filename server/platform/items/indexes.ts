/**
 * Names of the blind indexes one kind of item writes and another kind asks (a field name is part of
 * what is hashed, so both must use the same one): here once, rather than one feature importing another.
 */
/** A specimen's holder nationality (written by specimens, asked by a route's correlation). */
export const SPECIMEN_NATIONALITY_FIELD = 'holder-nationality';

/** A specimen's holder names, whole (exact, blind): written by specimens, asked by the person check. */
export const HOLDER_NAME_FIELD = 'holder-name';
