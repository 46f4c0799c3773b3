import type { TenantCtx } from "@/lib/auth/guard";
import { ImpersonationBanner } from "./impersonation-banner";

/** What the tenant console must always say above the page: who is really acting, and a paused tenant. */
export function TenantBanners({ ctx }: { ctx: TenantCtx }) {
  const impersonator = ctx.actor.impersonator;
  if (!impersonator && ctx.tenant.active) return null;
  return (
    <>
      {impersonator && <ImpersonationBanner userEmail={ctx.actor.email} partnerEmail={impersonator.email} />}
      {!ctx.tenant.active && (
        <div className="border-b border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-900 sm:px-6" data-testid="paused-banner" role="status">
          <p>
            <strong className="font-semibold">Paused.</strong> This tenant is paused by your partner: no plugs run and the API answers 403.
          </p>
        </div>
      )}
    </>
  );
}
