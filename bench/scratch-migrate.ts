import { migrateDatabase } from "@/scripts/db-migrate";
await migrateDatabase("postgresql://postgres@127.0.0.1:5432/fw_scratch1");
