type Json = Record<string, unknown>;

/** Resolves `$ref` and flattens `allOf` so a schema can be shown as one list of fields. */
export function resolveSchema(schema: Json | undefined, components: Record<string, Json>, depth = 0): Json {
  if (!schema || depth > 8) return {};
  if (typeof schema.$ref === "string") return resolveSchema(components[schema.$ref.split("/").pop()!], components, depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Json[]).map((s) => resolveSchema(s, components, depth + 1));
    return {
      type: "object",
      properties: Object.assign({}, ...parts.map((p) => (p.properties as Json) ?? {})),
      required: parts.flatMap((p) => (p.required as string[]) ?? []),
    };
  }
  return schema;
}

function typeLabel(s: Json, components: Record<string, Json>): string {
  if (typeof s.$ref === "string") return s.$ref.split("/").pop()!;
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map((x) => typeLabel(x, components)).join(" | ");
  if (Array.isArray(s.oneOf)) return (s.oneOf as Json[]).map((x) => typeLabel(x, components)).join(" | ");
  if (s.type === "array") return `${typeLabel((s.items as Json) ?? {}, components)}[]`;
  const t = Array.isArray(s.type) ? (s.type as string[]).join(" | ") : (s.type as string | undefined);
  return [t ?? "any", s.format ? `(${s.format})` : "", s.pattern ? `/${s.pattern}/` : ""].filter(Boolean).join(" ");
}

/** A schema as a table of fields, nested objects indented. */
export function SchemaView({ schema, components, depth = 0 }: { schema: Json; components: Record<string, Json>; depth?: number }) {
  const s = resolveSchema(schema, components);
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required as string[]) ?? []);
  if (!Object.keys(props).length) {
    return <p className="font-mono text-xs text-slate-600">{typeLabel(s.type === "array" ? s : schema, components)}</p>;
  }
  return (
    <ul className={depth ? "mt-1 border-l border-slate-200 pl-3" : "divide-y divide-slate-100"}>
      {Object.entries(props).map(([name, p]) => {
        const inner = resolveSchema(p.type === "array" ? ((p.items as Json) ?? {}) : p, components);
        const nested = depth < 2 && !!inner.properties && Object.keys(inner.properties as Json).length > 0;
        return (
          <li key={name} className="py-1.5 text-sm">
            <span className="font-mono font-medium text-slate-900">{name}</span>
            <span className="ml-2 font-mono text-xs text-brand-700">{typeLabel(p, components)}</span>
            {required.has(name) && <span className="ml-2 text-xs font-medium text-red-700">required</span>}
            {typeof p.description === "string" && <p className="text-xs text-slate-500">{p.description}</p>}
            {nested && <SchemaView schema={inner} components={components} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
