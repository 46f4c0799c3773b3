import { ButtonLink } from "@/components/ui/button";
import { connectorCategories } from "@/lib/connectors/types";
import type { CatalogueEntry } from "@/lib/connectors/registry";
import { ConnectorLogo, DirectionBadge } from "./status";

/** Connectors by category (in the platform's category order); empty categories are left out. */
export function ConnectorCatalogue({ entries, connectHref }: { entries: CatalogueEntry[]; connectHref: (key: string) => string | null }) {
  const groups = connectorCategories.map((category) => ({ category, entries: entries.filter((e) => e.category === category) })).filter((g) => g.entries.length);
  return (
    <div className="space-y-8" data-testid="connector-catalogue">
      {groups.map((g) => (
        <section key={g.category} aria-labelledby={`cat-${g.category}`}>
          <h2 id={`cat-${g.category}`} className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {g.category}
          </h2>
          <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {g.entries.map((e) => {
              const href = connectHref(e.key);
              return (
                <li key={e.key} className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid={`connector-${e.key}`}>
                  <div className="flex items-start gap-3">
                    <ConnectorLogo src={e.logo} name={e.name} size={44} />
                    <div className="min-w-0">
                      <h3 className="text-base font-semibold text-slate-900">{e.name}</h3>
                      <p className="mt-0.5 text-xs text-slate-500">{e.native ? "Native connector" : "Built on the Tenant API"}</p>
                    </div>
                  </div>
                  <p className="mt-3 text-sm leading-6 text-slate-600">{e.description}</p>
                  {e.plugs.length > 0 && (
                    <ul className="mt-3 space-y-1.5 text-sm" aria-label="Plugs">
                      {e.plugs.map((p) => (
                        <li key={p.key} className="flex items-center justify-between gap-2">
                          <span className="text-slate-700">{p.name}</span>
                          <DirectionBadge direction={p.direction} />
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="mt-auto pt-4">
                    {href ? (
                      <ButtonLink href={href} variant="secondary" className="w-full" aria-label={`Connect ${e.name}`}>
                        Connect
                      </ButtonLink>
                    ) : (
                      <p className="text-xs text-slate-500">Your role cannot add this kind of connection.</p>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
