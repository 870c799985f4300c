// The gateways as the metrics see them: each call counted by its outcome,
// never by whom it concerned.

import type { Metrics } from "./server/metrics.ts";
import type { MobileRegistry } from "./services/mobile-registry.ts";
import type { SmsGateway } from "./services/sms-gateway.ts";

export function measuredSms(sms: SmsGateway, metrics: Metrics): SmsGateway {
  return {
    async send(phone, text) {
      try {
        await sms.send(phone, text);
        metrics.otpSms("sent");
      } catch (error) {
        metrics.otpSms("failed");
        throw error;
      }
    },
  };
}

export function measuredRegistry(registry: MobileRegistry, metrics: Metrics): MobileRegistry {
  return {
    async check(iin, phone) {
      const answer = await registry.check(iin, phone);
      metrics.registryChecked(answer.kind);
      return answer;
    },
  };
}
