import { sectionMetadata, sectionRoute } from "../_section";

export const metadata = sectionMetadata("records");
export default sectionRoute("records");
