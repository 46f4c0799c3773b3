import { setResellerUserActiveAction } from "@/app/(partner)/partner/[reseller]/actions";
import { ActiveToggle } from "@/components/ui/active-toggle";

/** Deactivate / reactivate a partner user, with confirmation. */
export function ResellerUserStatus({ resellerCode, user }: { resellerCode: string; user: { id: string; email: string; active: boolean } }) {
  return (
    <ActiveToggle
      active={user.active}
      subject={user.email}
      deactivateBody="They are signed out and can no longer sign in. Their history stays, and you can reactivate them later."
      reactivateBody="They can sign in again with their current password and permissions."
      action={setResellerUserActiveAction.bind(null, resellerCode, user.id)}
    />
  );
}
