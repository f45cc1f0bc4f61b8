/**
 * A record's value under a name someone else chose (a permission, a parameter): only the record's own
 * properties count, so `constructor`, `toString` or `__proto__` name nothing rather than one of
 * Object's members.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
