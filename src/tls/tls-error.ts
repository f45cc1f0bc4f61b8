/** A certificate or key hubcap cannot serve with; the message says which file and why. */
export class TlsError extends Error {}
