import { AppError } from "@/lib/errors";
import type { AllocationRequest } from "../../draw/allocation";
import { parseFixedSizes, type DrawSampleRequest } from "../../schemas";

// The draw form's allocation choice as the allocation rules take it (draw/allocation.ts:
// the same four names: proportional, equal, minimum, fixed), and as
// Sample.allocationMethod stores it (the database's SCREAMING_CASE enum).

export const ALLOCATION_METHOD = {
  proportional: "PROPORTIONAL",
  equal: "EQUAL",
  minimum: "PROPORTIONAL_WITH_MINIMUM",
  fixed: "FIXED",
} as const;

export function allocationRequest(input: DrawSampleRequest): AllocationRequest {
  switch (input.allocation) {
    case "proportional":
    case "equal":
      return { method: input.allocation, size: input.size ?? 0 };
    case "minimum":
      return { method: "minimum", size: input.size ?? 0, minimum: input.minimumPerStratum ?? 0 };
    case "fixed": {
      const sizes = input.fixedSizes;
      if (sizes === undefined) throw new AppError("INVALID", "Enter a size for each stratum", "fixedSizes");
      if (typeof sizes !== "string") return { method: "fixed", sizes };
      const parsed = parseFixedSizes(sizes);
      if (!parsed.ok) throw new AppError("INVALID", parsed.message, "fixedSizes");
      return { method: "fixed", sizes: parsed.sizes };
    }
  }
}
