import { z } from "zod";
import { allResellerPermissions } from "@/lib/auth/permissions";
import { codeNameSchema, emailSchema, nameSchema, passwordSchema } from "./common";

export const createResellerSchema = z.object({
  name: nameSchema,
  codeName: codeNameSchema,
});

export const setActiveSchema = z.object({ id: z.string().min(1), active: z.boolean() });

export const resellerPermissionSchema = z.enum(allResellerPermissions as [string, ...string[]]);

export const createResellerUserSchema = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  permissions: z.array(resellerPermissionSchema).default([]),
});

export const updateResellerUserSchema = z.object({
  userId: z.string().min(1),
  name: nameSchema,
  permissions: z.array(resellerPermissionSchema).default([]),
});
