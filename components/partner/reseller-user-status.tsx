import { setResellerUserActiveAction } from "@/app/(partner)/partner/[reseller]/actions";
import { ConfirmAction } from "@/components/ui/confirm";

/** Deactivate / reactivate a partner user, with confirmation. */
export function ResellerUserStatus({ resellerCode, user }: { resellerCode: string; user: { id: string; email: string; active: boolean } }) {
  return user.active ? (
    <ConfirmAction
      label="Deactivate"
      title={`Deactivate ${user.email}?`}
      body="They are signed out and can no longer sign in. Their history stays, and you can reactivate them later."
      confirmLabel="Deactivate"
      action={setResellerUserActiveAction.bind(null, resellerCode, user.id, false)}
    />
  ) : (
    <ConfirmAction
      variant="primary"
      label="Reactivate"
      title={`Reactivate ${user.email}?`}
      body="They can sign in again with their current password and permissions."
      confirmLabel="Reactivate"
      action={setResellerUserActiveAction.bind(null, resellerCode, user.id, true)}
    />
  );
}
