import { Module } from '@nestjs/common';
import { GrantReliefHandler } from './application/grant-relief.handler.js';
import { ReliefGrantsController } from './http/relief-grants.controller.js';

/** Relief on application (依申请救助): decided on the person's stream, beside claims but not inside them. */
@Module({ controllers: [ReliefGrantsController], providers: [GrantReliefHandler] })
export class ReliefModule {}
