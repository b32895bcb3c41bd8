import { Module } from '@nestjs/common';
import { PolicySimulationsController } from './http/policy-simulations.controller.js';

/** Policy simulation (issue 15 item 4): POST /policy-simulations. */
@Module({ controllers: [PolicySimulationsController] })
export class SimulationModule {}
