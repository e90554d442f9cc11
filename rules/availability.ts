// Whether a person can take work at an instant: active, and not inside one of their absences (leave, trip).
// Pure: used by the API (people, task references) and the activities that pick technicians.

export interface Absence {
  id: string;
  /** ISO instants; the person is away from `from` (inclusive) until `until` (exclusive). */
  from: string;
  until: string;
  reason?: string;
  by?: string;
  /** Set when the absence was ended early (then `until` was moved back to that instant). */
  endedAt?: string;
}

export interface PersonAvailability {
  active?: boolean;
  absences?: Absence[] | null;
}

/** The absence covering `at`, if any. Malformed instants never make anyone absent. */
export function absenceAt(user: PersonAvailability, at: Date): Absence | undefined {
  const t = at.getTime();
  return (user.absences ?? []).find((a) => {
    const from = Date.parse(a.from);
    const until = Date.parse(a.until);
    return Number.isFinite(from) && Number.isFinite(until) && from <= t && t < until;
  });
}

/** Active and not absent at `at`. A person without an `active` flag counts as active (the schema's default). */
export function isAvailable(user: PersonAvailability, at: Date): boolean {
  return user.active !== false && absenceAt(user, at) === undefined;
}
