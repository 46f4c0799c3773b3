import { sectionMetadata, sectionRoute } from "../_section";

export const metadata = sectionMetadata("autoInvoice");
export default sectionRoute("autoInvoice");
