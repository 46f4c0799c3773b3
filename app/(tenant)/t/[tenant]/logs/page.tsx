import { sectionMetadata, sectionRoute } from "../_section";

export const metadata = sectionMetadata("logs");
export default sectionRoute("logs");
