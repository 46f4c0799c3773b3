import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth";
import { homePath } from "@/lib/services/auth/memberships";

export default async function Home() {
  const session = await getSession();
  if (!session?.user?.id) redirect("/login");
  redirect(homePath(session.kind, session.memberships));
}
