import { Module } from '@nestjs/common';
import { EnrollHandler } from './application/enroll.handler.js';
import { PayContributionHandler } from './application/pay-contribution.handler.js';
import { RefundEnrollmentHandler } from './application/refund-enrollment.handler.js';
import { EnrollmentsController } from './http/enrollments.controller.js';

@Module({
  controllers: [EnrollmentsController],
  providers: [EnrollHandler, PayContributionHandler, RefundEnrollmentHandler],
})
export class EnrollmentModule {}
