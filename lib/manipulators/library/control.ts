/** ignore and fail: stop the chain for a record, usually behind conditions. */
import { z } from "zod";
import { defineManipulator, SettingsError } from "../define";
import { compileTemplate } from "../template";
import { text } from "../settings";

function message(value: string, recordType: Parameters<typeof compileTemplate>[1], key: string) {
  try {
    return compileTemplate(value, recordType);
  } catch (e) {
    throw SettingsError.at(key, (e as Error).message);
  }
}

export const ignore = defineManipulator({
  key: "ignore",
  name: "Ignore record",
  description: "Skips the record: it is not imported or exported, and the transfer report counts it as ignored with your reason. Add conditions to choose which records.",
  settings: z.strictObject({
    reason: text(500, "Give a reason")
      .default("Ignored by a manipulator rule")
      .describe('Shown in the transfer report, e.g. "Test orders are not exported"; {{field}} placeholders work.'),
  }),
  prepare(s, { recordType }) {
    const reason = message(s.reason, recordType, "reason");
    return { apply: (record, ctx) => ({ stop: "ignore", message: reason.render(record, ctx) }) };
  },
});

export const fail = defineManipulator({
  key: "fail",
  name: "Fail record",
  description: "Stops the record with your message: it lands in the error queue for someone to look at. Add conditions to choose which records.",
  settings: z.strictObject({
    message: text(1000, "Write the message")
      .default("Stopped by a manipulator rule")
      .describe('Shown in the error queue, e.g. "Orders to Norway need a customs number"; {{field}} placeholders work.'),
  }),
  prepare(s, { recordType }) {
    const text = message(s.message, recordType, "message");
    return { apply: (record, ctx) => ({ stop: "fail", message: text.render(record, ctx) }) };
  },
});
