export { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo.data';
export { createDemoService, type DemoAccountView, type DemoService } from './demo.service';
