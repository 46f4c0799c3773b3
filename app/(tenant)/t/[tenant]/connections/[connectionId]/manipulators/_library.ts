import { z } from "zod";
import type { LibraryEntry } from "@/components/manipulators/types";
import { settingsFields } from "@/lib/connectors/settings-form";
import { manipulatorLibrary } from "@/lib/manipulators";
import type { ChainLink, Direction } from "@/lib/manipulators/types";
import type { RecordType } from "@/lib/records";

type Manipulator = (typeof manipulatorLibrary)[number];

/** Settings that are string → string tables: edited as rows of from → to rather than raw JSON. */
function pairFields(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { type?: unknown; additionalProperties?: { type?: unknown } }> };
  return Object.entries(json.properties ?? {})
    .filter(([, p]) => p.type === "object" && p.additionalProperties?.type === "string")
    .map(([name]) => name);
}

const applies = (m: Manipulator, recordType: RecordType) => !m.appliesTo || (m.appliesTo as readonly string[]).includes(recordType);

/** The library as the editor offers it for this record type, each with its generated settings form. */
export function libraryFor(recordType: RecordType, _direction: Direction): LibraryEntry[] {
  return manipulatorLibrary.filter((m) => applies(m, recordType)).map((m) => ({ key: m.key, name: m.name, description: m.description, fields: settingsFields(m.settings), pairs: pairFields(m.settings) }));
}

/** A saved link's settings form, filled in (a link whose manipulator left the library has none). */
export function linkFields(link: ChainLink) {
  const m = manipulatorLibrary.find((x) => x.key === link.key);
  return m ? settingsFields(m.settings, { values: link.settings }) : [];
}
