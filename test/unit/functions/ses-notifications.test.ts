import { describe, expect, it } from 'vitest';
import { mailStatusAfter } from '../../../domain/shared/mail-status.ts';
import { mailStatusReportOf } from '../../../functions/adapters/ses/ses-notifications.ts';
import { sesEvents } from '../../support/ses-events.ts';

describe('an SES event', () => {
  it('reports a delivery at its time', () => {
    expect(mailStatusReportOf(sesEvents.delivery('ses-1'))).toEqual({ messageId: 'ses-1', status: 'delivered', at: '2027-03-01T09:00:02.000Z' });
  });

  it('reports a bounce with its type and each recipient\'s diagnostic', () => {
    expect(mailStatusReportOf(sesEvents.bounce('ses-1'))).toEqual({
      messageId: 'ses-1',
      status: 'bounced',
      at: '2027-03-01T09:00:03.000Z',
      detail: 'Permanent/General — compta@dupont.fr: smtp; 550 5.1.1 user unknown',
    });
  });

  it('reports a complaint with its feedback type and who complained', () => {
    expect(mailStatusReportOf(sesEvents.complaint('ses-1'))).toEqual({ messageId: 'ses-1', status: 'complained', at: '2027-03-02T10:00:00.000Z', detail: 'abuse — anne@dupont.fr' });
  });

  it('reports a rejection (SES sent nothing) as a bounce, at the event\'s time', () => {
    expect(mailStatusReportOf(sesEvents.reject('ses-1'))).toEqual({ messageId: 'ses-1', status: 'bounced', at: '2027-03-01T09:00:01Z', detail: 'Rejected by SES — Bad content' });
  });

  it('says nothing of the status for the other event types', () => {
    expect(mailStatusReportOf(sesEvents.open('ses-1'))).toBeNull();
  });

  it('fails when it is not an SES event, or a status event lacks what it must hold', () => {
    expect(() => mailStatusReportOf({ ...sesEvents.delivery('ses-1'), source: 'aws.s3' })).toThrow();
    const delivery = sesEvents.delivery('ses-1');
    expect(() => mailStatusReportOf({ ...delivery, detail: { eventType: 'Delivery', mail: delivery.detail.mail } })).toThrow();
    const bounce = sesEvents.bounce('ses-1');
    expect(() => mailStatusReportOf({ ...bounce, detail: { ...bounce.detail, mail: { ...bounce.detail.mail, messageId: '' } } })).toThrow();
  });
});

describe('a reported status', () => {
  it('only ever raises the status: sent < delivered < bounced < complained', () => {
    expect(mailStatusAfter('sent', 'delivered')).toBe('delivered');
    expect(mailStatusAfter('delivered', 'bounced')).toBe('bounced');
    expect(mailStatusAfter('sent', 'bounced')).toBe('bounced');
    expect(mailStatusAfter('bounced', 'complained')).toBe('complained');
    expect(mailStatusAfter('delivered', 'complained')).toBe('complained');
  });

  it('changes nothing when it repeats the status or says less than it', () => {
    expect(mailStatusAfter('delivered', 'delivered')).toBeNull();
    expect(mailStatusAfter('bounced', 'delivered')).toBeNull();
    expect(mailStatusAfter('complained', 'bounced')).toBeNull();
    expect(mailStatusAfter('complained', 'delivered')).toBeNull();
  });
});
