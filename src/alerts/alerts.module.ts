import { Module } from '@nestjs/common';
import { AlertsQuery } from './application/alerts.query.js';
import { ResolveAlertHandler } from './application/resolve-alert.handler.js';
import { AlertsController } from './http/alerts.controller.js';

@Module({ controllers: [AlertsController], providers: [AlertsQuery, ResolveAlertHandler] })
export class AlertsModule {}
