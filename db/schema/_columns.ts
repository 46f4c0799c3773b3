import { timestamp } from "drizzle-orm/pg-core";

/** created/updated pair used by every mutable table; millisecond precision as the API promises. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
};
