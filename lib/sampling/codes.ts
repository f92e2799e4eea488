// The frame's code lists are defined once, in lib/interchange/codes.ts.
export * from "@/lib/interchange/codes";
