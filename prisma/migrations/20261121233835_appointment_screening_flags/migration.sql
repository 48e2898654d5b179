-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "screeningFlags" JSONB;
