const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID as Postgres's uuid type reads it in its canonical form (any case). */
export const isUuid = (value: string) => UUID.test(value);
