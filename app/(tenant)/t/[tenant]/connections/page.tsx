import { sectionMetadata, sectionRoute } from "../_section";

export const metadata = sectionMetadata("connections");
export default sectionRoute("connections");
