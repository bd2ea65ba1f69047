import * as z from 'zod';
import type { Actor } from './actor.ts';

/** Events of the mailer (DESIGN §6): a sent message's delivery, bounce or complaint, as the provider reported it. */
export const mailEventSchemas = {
  'mail.status_changed': {
    version: 1,
    data: z.object({
      sendKey: z.string(),
      documentId: z.string(),
      messageId: z.string(),
      status: z.enum(['delivered', 'bounced', 'complained']),
      /** A bounce's diagnostic, a complaint's feedback type. */
      detail: z.string().optional(),
    }),
  },
} as const;

/** No user causes a delivery notification: the provider does. */
export const MAIL_PROVIDER_ACTOR: Actor = { id: 'aws.ses', role: 'integration' };
