export { PageNotFound as default } from "@/components/status/StatusPages";
