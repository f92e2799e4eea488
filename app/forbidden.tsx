export { AccessRefused as default } from "@/components/status/StatusPages";
