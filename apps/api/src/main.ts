import { AppModule } from './app.module';
import { startServer } from './server';

void startServer(AppModule);
