import { Badge } from "@/components/ui/badge";
import type { Json } from "./format";

type Tone = "green" | "gray" | "red" | "blue" | "amber";

const tones: Record<string, Tone> = {
  // order
  new: "blue",
  processing: "amber",
  completed: "green",
  cancelled: "gray",
  refunded: "gray",
  onHold: "amber",
  // payment
  unpaid: "amber",
  authorized: "blue",
  paid: "green",
  partiallyPaid: "amber",
  partiallyRefunded: "gray",
  // shipping
  unshipped: "gray",
  partiallyShipped: "amber",
  shipped: "blue",
  delivered: "green",
  returned: "red",
  // invoice
  draft: "gray",
  booked: "blue",
  sent: "blue",
  credited: "red",
  // product
  active: "green",
  inactive: "gray",
};

/** `partiallyShipped` → "Partially shipped". */
export function statusLabel(status: string): string {
  const s = status.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function StatusBadge({ status, kind }: { status: string; kind?: string }) {
  return (
    <span title={kind ? `${kind}: ${statusLabel(status).toLowerCase()}` : undefined} data-testid="record-status">
      <Badge tone={tones[status] ?? "gray"}>{statusLabel(status)}</Badge>
    </span>
  );
}

/** The statuses a record of this type carries, with what each one is about. */
export function recordStatuses(type: string, data: Json, archived?: boolean): { kind: string; status: string }[] {
  const out: { kind: string; status: string }[] = [];
  const add = (kind: string, v: unknown) => typeof v === "string" && v && out.push({ kind, status: v });
  if (type === "order") {
    add("Order", data.orderStatus);
    add("Payment", data.paymentStatus);
    add("Shipping", data.shippingStatus);
  } else if (type === "invoice") {
    add("Invoice", data.status);
  } else if (type === "product" && typeof data.active === "boolean") {
    add("Product", data.active ? "active" : "inactive");
  }
  if (archived) out.push({ kind: "Record", status: "archived" });
  return out;
}

export function StatusBadges({ type, data, archived }: { type: string; data: Json; archived?: boolean }) {
  const list = recordStatuses(type, data, archived);
  if (list.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {list.map((s) => (
        <StatusBadge key={s.kind} status={s.status} kind={s.kind} />
      ))}
    </span>
  );
}
