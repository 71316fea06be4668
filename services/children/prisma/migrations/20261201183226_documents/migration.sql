-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('COURT_ORDER', 'ASSESSMENT', 'CARE_PLAN', 'PATHWAY_PLAN', 'REVIEW_RECORD', 'HEALTH_ASSESSMENT', 'PERSONAL_EDUCATION_PLAN', 'CONSENT', 'LETTER', 'CORRESPONDENCE', 'REPORT', 'PHOTO', 'OTHER');

-- CreateTable
CREATE TABLE "document_upload" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "declared_bytes" INTEGER NOT NULL,
    "requested_by" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "size_bytes" INTEGER,
    "storage_key" TEXT,
    "uploaded_at" TIMESTAMPTZ(3),
    "attached_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_version" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL,
    "uploaded_by" TEXT NOT NULL,

    CONSTRAINT "document_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_blob" (
    "key" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "oid" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_blob_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "document_upload_tenant_child_id_idx" ON "document_upload"("tenant", "child_id");

-- CreateIndex
CREATE INDEX "document_tenant_child_id_created_at_idx" ON "document"("tenant", "child_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "document_version_document_id_version_key" ON "document_version"("document_id", "version");

-- AddForeignKey
ALTER TABLE "document_version" ADD CONSTRAINT "document_version_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
