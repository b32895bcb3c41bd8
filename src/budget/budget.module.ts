import { Module } from '@nestjs/common';
import { BudgetQuery } from '../../projections/postings/budget.query.js';
import { BudgetController } from './http/budget.controller.js';

@Module({ controllers: [BudgetController], providers: [BudgetQuery] })
export class BudgetModule {}
