// Inside the tenant console a 403 keeps the console frame, so the way back is one click away.
export { default } from "@/app/forbidden";
